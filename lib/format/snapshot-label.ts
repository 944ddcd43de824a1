const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "31 Aug 2011": the last day a snapshot counts (the day before its snapshot day, epoch ms), which is a month-end for monthly snapshots. */
export function snapshotLastDay(snapshotMs: number): string {
  return day.format(new Date(snapshotMs - 86_400_000));
}

/** "snapshot 31 Aug 2011": how a run of a dataset as it stood on an earlier day is named in run lists. */
export function snapshotLabel(snapshotMs: number): string {
  return `snapshot ${snapshotLastDay(snapshotMs)}`;
}

/** "31 Aug 2011" for a snapshot day given as an ISO day ("2011-09-01"), as run DTOs carry it. */
export function snapshotLastDayOf(isoDay: string): string {
  return snapshotLastDay(Date.parse(`${isoDay}T00:00:00Z`));
}
