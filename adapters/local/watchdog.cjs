/**
 * Runs one engine (argv after this file) and never lets it outlive the server that started it: the
 * server holds this process's stdin, and when that pipe closes (the server stopped, crashed or was
 * killed with -9) the engine is killed. The engine's pid is the first line on stdout; this process
 * exits with the engine. Started by adapters/local/dynamoLocal.ts.
 */
const { spawn } = require('node:child_process');

const [command, ...args] = process.argv.slice(2);
const engine = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
process.stdout.write(`${engine.pid}\n`);

const stop = () => {
  if (engine.exitCode === null && engine.signalCode === null) engine.kill('SIGKILL');
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
engine.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
engine.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
