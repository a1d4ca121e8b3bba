#!/usr/bin/env node
// The reference the benchmark compares with: a bare botbuilder echo bot, CloudAdapter on restify 11,
// as small as the samples make it. It is part of the benchmark, not of the product.
// Usage: PORT=3999 node scripts/bench/echoBot.mjs
import botbuilder from 'botbuilder';
import restify from 'restify';

const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = botbuilder;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`Echo: ${context.activity.text}`);
  await next();
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
