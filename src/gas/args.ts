// Arguments from the sidebar, taken as google.script.run delivers them: plain JSON. Every server
// function that takes arguments passes them through here first, so that its own checks see only
// plain values (no getters, no prototypes, no functions) and a request too big to be real is
// refused before anything is read or written.

import { UserError } from "../app/errors";

/** More than any real request (5,000 IDs of a documents job are about 100 KB). */
const MAX_REQUEST_CHARS = 5_000_000;

function plainArgument(value: unknown): unknown {
  if (value === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    throw new UserError(
      "Боковая панель передала данные, которые нельзя прочитать. Закройте панель и откройте её снова.",
    );
  }
  if (json === undefined) return undefined;
  if (json.length > MAX_REQUEST_CHARS)
    throw new UserError("Слишком большой запрос от боковой панели: отметьте меньше строк и повторите.");
  return JSON.parse(json) as unknown;
}

/** The arguments as plain JSON values (a copy), or a Russian refusal. */
export function sidebarArgs<T extends unknown[]>(...args: T): T {
  return args.map(plainArgument) as T;
}
