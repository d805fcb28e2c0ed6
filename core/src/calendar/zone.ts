/**
 * Time-zone arithmetic with nothing but Intl: the offset of an IANA zone from UTC at an instant. Small and free of
 * imports, so that the public portal's bundle can use it as well as the server.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The offset of `timeZone` from UTC at an instant, in milliseconds (Asia/Ho_Chi_Minh: +7 h, no daylight saving). */
export function zoneOffsetMs(timeZone: string, at: Date | number): number {
  const t = typeof at === 'number' ? at : at.getTime();
  const p = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(t))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour! % 24, +p.minute!, +p.second!);
  return asUtc - Math.floor(t / 1000) * 1000;
}
