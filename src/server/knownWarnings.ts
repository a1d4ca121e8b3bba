/**
 * restify 11 reads process.binding('http_parser') at load, which Node 20 reports as DEP0111 on
 * every start; the fix is in restify 12, which needs Node 22. That one known warning is dropped so a
 * failed start stays one readable line; every other warning is still printed.
 */
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code === 'DEP0111') return;
  process.stderr.write(`${warning.name}: ${warning.message}\n`);
});
