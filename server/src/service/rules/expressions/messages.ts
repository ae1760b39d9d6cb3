/** Ends a message with a period unless it already ends with punctuation. */
export function sentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}
