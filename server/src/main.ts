#!/usr/bin/env node
/**
 * The command line: `sievert start | migrate | simulate | verify-audit | help`.
 */
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { startServer } from './server.js';
import { runSimulateCommand, SIMULATE_USAGE } from './simulate/command.js';

const USAGE = `Sievert — radiation safety platform

Usage: sievert <command>
  start          migrate the database, load the province, serve the API and web app (default)
  migrate        apply pending database migrations and exit
  simulate       feed the gamma stations with simulated data over HTTP and MQTT until Ctrl-C
                 (sievert simulate --help for its options)
  help           this text

Configuration is read from environment variables; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      await startServer(config);
      return -1;
    case 'migrate': {
      const handle = await openDatabase(config.database);
      try {
        const applied = await migrateToLatest(
          handle.db as never,
          handle.dialect,
          config.database.dialect === 'postgres' ? config.database.schema : undefined,
        );
        process.stdout.write(
          applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n',
        );
      } finally {
        await handle.close();
      }
      return 0;
    }
    case 'simulate':
      if (argv.includes('--help') || argv.includes('-h')) {
        process.stdout.write(`${SIMULATE_USAGE}\n`);
        return 0;
      }
      return runSimulateCommand(config, argv.slice(1));
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(
      `Sievert failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
