/** Quotes one argument for `/bin/sh`: plain words stay readable, anything else is single-quoted. */
export function shellQuote(argument: string): string {
  if (/^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}
