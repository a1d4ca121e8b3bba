// Loaded into the bot by the benchmark only (node --expose-gc -r): on SIGUSR2 it runs a full garbage
// collection and writes the process's memory to BENCH_PROBE_FILE, so the memory per idle conversation
// is read after collection instead of wherever the collector happened to be (RSS swings by 100 MB+).
const fs = require('node:fs');

process.on('SIGUSR2', () => {
  global.gc();
  const { rss, heapUsed } = process.memoryUsage();
  fs.writeFileSync(process.env.BENCH_PROBE_FILE, JSON.stringify({ rss, heapUsed, at: Date.now() }));
});
