/** Leading and trailing spaces are never meant: "  Trondheim " is "Trondheim", and "   " is empty. */
export function trimmed({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim() : value;
}
