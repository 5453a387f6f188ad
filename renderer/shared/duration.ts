// "45 seconds", "10 minutes", "2 hours" in the page's language (Intl's unit names: 10分钟, 2小时), for
// what is left of a ban, a mute or a slow-mode wait. Rounded up: "1 minute" until it is over.
const formats = new Map<string, Intl.NumberFormat>();

export function formatDuration(ms: number, language: string): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return unit(language, 'second').format(seconds);
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return unit(language, 'minute').format(minutes);
  return unit(language, 'hour').format(Math.ceil(minutes / 60));
}

function unit(language: string, name: 'second' | 'minute' | 'hour'): Intl.NumberFormat {
  const key = `${language}:${name}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long' })));
  return format;
}
