/** One day in milliseconds: the one definition every package uses for day-sized windows and TTLs. */
export const DAY_MS = 86_400_000;
