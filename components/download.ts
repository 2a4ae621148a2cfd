/**
 * Browser downloads for exports and saved snapshots: a Blob handed to a temporary `<a download>`.
 * Nothing leaves the machine; the object URL is revoked once the click has been dispatched.
 */

/** `20261126T191500Z`: a UTC timestamp that sorts and is safe in file names. */
export function utcStamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
