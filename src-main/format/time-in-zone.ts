/**
 * A moment as staff read it in the organization's time zone: the time alone
 * when it is today there, with the date when it is another day. Used where the
 * core writes a time into words (the tray's last sync, an edit refused).
 */
export function timeInZone(
  at: Date,
  now: Date,
  timeZone: string,
): { time: string; date: string | null } {
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
  const time = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
  if (day(at) === day(now)) return { time, date: null };
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
  }).format(at);
  return { time, date };
}
