#!/usr/bin/env node
// The command line of the local edition: the same use cases as the add-on, on an .xlsx file.
// The commands and the dispatcher live in ./commands (tests import them without running this).

import { main } from "./commands";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`Ошибка: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
