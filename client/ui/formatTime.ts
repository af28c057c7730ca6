/** Exercise time as people read it on a crisis-room wall: `T+01:23:45`, and short forms for lists. */
function two(n: number): string {
  return String(Math.floor(n)).padStart(2, '0');
}

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `T+${two(s / 3600)}:${two((s % 3600) / 60)}:${two(s % 60)}`;
}

/** `T+01:23`: minutes are enough in lists. */
export function formatStamp(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60000));
  return `T+${two(m / 60)}:${two(m % 60)}`;
}

/** A duration: `45 s`, `12 min`, `2 h 05 min`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${two(m % 60)} min`;
}
