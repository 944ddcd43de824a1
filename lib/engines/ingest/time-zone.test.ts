import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { daysFromCivil, ianaZoneFromName, instantToZoneWallClock, isValidTimeZone, zoneWallClockToInstant } from './time-zone';

test.each([
  // New York: EST -> EDT at 2024-03-10 07:00Z, EDT -> EST at 2024-11-03 06:00Z
  ['America/New_York', Date.UTC(2024, 2, 10, 6, 59, 59), Date.UTC(2024, 2, 10, 1, 59, 59)],
  ['America/New_York', Date.UTC(2024, 2, 10, 7, 0, 0), Date.UTC(2024, 2, 10, 3, 0, 0)],
  ['America/New_York', Date.UTC(2024, 10, 3, 5, 59, 59), Date.UTC(2024, 10, 3, 1, 59, 59)],
  ['America/New_York', Date.UTC(2024, 10, 3, 6, 0, 0), Date.UTC(2024, 10, 3, 1, 0, 0)],
  ['America/New_York', Date.UTC(2024, 6, 1, 12), Date.UTC(2024, 6, 1, 8)],
  // London: GMT -> BST at 2024-03-31 01:00Z, BST -> GMT at 2024-10-27 01:00Z
  ['Europe/London', Date.UTC(2024, 2, 31, 0, 59, 59), Date.UTC(2024, 2, 31, 0, 59, 59)],
  ['Europe/London', Date.UTC(2024, 2, 31, 1, 0, 0), Date.UTC(2024, 2, 31, 2, 0, 0)],
  ['Europe/London', Date.UTC(2024, 9, 27, 0, 59, 59), Date.UTC(2024, 9, 27, 1, 59, 59)],
  ['Europe/London', Date.UTC(2024, 9, 27, 1, 0, 0), Date.UTC(2024, 9, 27, 1, 0, 0)],
  // Melbourne: AEDT -> AEST at 2024-04-06 16:00Z, AEST -> AEDT at 2024-10-05 16:00Z
  ['Australia/Melbourne', Date.UTC(2024, 3, 6, 15, 59, 59), Date.UTC(2024, 3, 7, 2, 59, 59)],
  ['Australia/Melbourne', Date.UTC(2024, 3, 6, 16, 0, 0), Date.UTC(2024, 3, 7, 2, 0, 0)],
  ['Australia/Melbourne', Date.UTC(2024, 9, 5, 15, 59, 59), Date.UTC(2024, 9, 6, 1, 59, 59)],
  ['Australia/Melbourne', Date.UTC(2024, 9, 5, 16, 0, 0), Date.UTC(2024, 9, 6, 3, 0, 0)],
  // Milliseconds survive, odd offsets and instants before 1970 work.
  ['Asia/Kolkata', Date.UTC(2024, 0, 1, 12, 0, 0, 123), Date.UTC(2024, 0, 1, 17, 30, 0, 123)],
  ['Asia/Kathmandu', Date.UTC(2024, 0, 1, 0, 0, 0), Date.UTC(2024, 0, 1, 5, 45, 0)],
  ['America/New_York', Date.UTC(1960, 0, 1, 12, 0, 0, 500), Date.UTC(1960, 0, 1, 7, 0, 0, 500)],
  ['UTC', Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
])('instantToZoneWallClock in %s of %d is %d', (zone, instant, wall) => {
  expect(instantToZoneWallClock(instant, zone)).toBe(wall);
});

test.each([
  ['America/New_York', Date.UTC(2024, 6, 1, 8, 0), Date.UTC(2024, 6, 1, 12, 0)],
  ['America/New_York', Date.UTC(2024, 0, 15, 8, 0), Date.UTC(2024, 0, 15, 13, 0)],
  // gap: 02:30 does not exist on 10 Mar; read with EST (the offset before), it is 07:30Z = 03:30 EDT
  ['America/New_York', Date.UTC(2024, 2, 10, 2, 30), Date.UTC(2024, 2, 10, 7, 30)],
  ['America/New_York', Date.UTC(2024, 2, 10, 3, 0), Date.UTC(2024, 2, 10, 7, 0)],
  // overlap: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST); the earlier offset, EDT, wins
  ['America/New_York', Date.UTC(2024, 10, 3, 1, 30), Date.UTC(2024, 10, 3, 5, 30)],
  ['America/New_York', Date.UTC(2024, 10, 3, 0, 30), Date.UTC(2024, 10, 3, 4, 30)],
  ['America/New_York', Date.UTC(2024, 10, 3, 2, 30), Date.UTC(2024, 10, 3, 7, 30)],
  ['Europe/London', Date.UTC(2024, 2, 31, 1, 30), Date.UTC(2024, 2, 31, 1, 30)],
  ['Europe/London', Date.UTC(2024, 9, 27, 1, 30), Date.UTC(2024, 9, 27, 0, 30)],
  ['Europe/London', Date.UTC(2024, 9, 27, 2, 30), Date.UTC(2024, 9, 27, 2, 30)],
  ['Australia/Melbourne', Date.UTC(2024, 3, 7, 2, 30), Date.UTC(2024, 3, 6, 15, 30)],
  ['Australia/Melbourne', Date.UTC(2024, 9, 6, 2, 30), Date.UTC(2024, 9, 5, 16, 30)],
  ['Australia/Melbourne', Date.UTC(2024, 9, 6, 3, 30), Date.UTC(2024, 9, 5, 16, 30)],
  ['Asia/Kathmandu', Date.UTC(2024, 0, 1, 5, 45, 0, 7), Date.UTC(2024, 0, 1, 0, 0, 0, 7)],
])('zoneWallClockToInstant in %s of %d is %d', (zone, wall, instant) => {
  expect(zoneWallClockToInstant(wall, zone)).toBe(instant);
});

test.each(['America/New_York', 'Europe/London', 'Australia/Melbourne'])('every quarter hour of 2024 in %s maps back to itself', (zone) => {
  let mismatches = 0;
  for (let instant = Date.UTC(2024, 0, 1); instant < Date.UTC(2025, 0, 1); instant += 900_000) {
    if (zoneWallClockToInstant(instantToZoneWallClock(instant, zone), zone) !== instant) mismatches++;
  }
  // The instants of the repeated hour in the autumn overlap map to its earlier copy: 4 quarter hours.
  expect(mismatches).toBe(4);
});

test.each([NaN, Infinity, -Infinity])('non-finite %d stays NaN both ways', (value) => {
  expect(instantToZoneWallClock(value, 'Europe/London')).toBeNaN();
  expect(zoneWallClockToInstant(value, 'Europe/London')).toBeNaN();
});

test.each(['Mars/Olympus_Mons', 'Eastern Time (US & Canada)', ''])('an unknown zone %j is refused with a typed error', (zone) => {
  expect(() => instantToZoneWallClock(0, zone)).toThrow(EngineError);
  expect(() => zoneWallClockToInstant(0, zone)).toThrow(/is not a time zone/);
});

test.each([
  ['Europe/London', true],
  ['America/New_York', true],
  ['UTC', true],
  ['america/new_york', true],
  ['Mars/Olympus_Mons', false],
  ['London', false],
  ['', false],
  ['   ', false],
])('isValidTimeZone(%j) is %s', (name, valid) => {
  expect(isValidTimeZone(name)).toBe(valid);
});

test.each([
  ['Eastern Time (US & Canada)', 'America/New_York'],
  ['Pacific Time (US & Canada)', 'America/Los_Angeles'],
  ['Central Time (US & Canada)', 'America/Chicago'],
  ['Mountain Time (US & Canada)', 'America/Denver'],
  ['London', 'Europe/London'],
  ['london', 'Europe/London'],
  ['UTC', 'UTC'],
  ['(GMT-05:00) Eastern Time (US & Canada)', 'America/New_York'],
  ['(UTC+10:00) Melbourne', 'Australia/Melbourne'],
  ['Eastern Standard Time', 'America/New_York'],
  ['GMT Standard Time', 'Europe/London'],
  ['W. Europe Standard Time', 'Europe/Berlin'],
  ['India Standard Time', 'Asia/Kolkata'],
  ['Kyiv', 'Europe/Kyiv'],
  ['Greenland', 'America/Nuuk'],
  ['Rangoon', 'Asia/Yangon'],
  ['Europe/London', 'Europe/London'],
  ['europe/paris', 'Europe/Paris'],
  ['  Australia/Melbourne ', 'Australia/Melbourne'],
  ['Asia/Kolkata', 'Asia/Kolkata'],
  ['Atlantis Standard Time', null],
  ['Springfield', null],
  ['', null],
])('ianaZoneFromName(%j) is %j', (name, zone) => {
  expect(ianaZoneFromName(name)).toBe(zone);
});

test.each(['Kyiv', 'Greenland', 'Rangoon', 'Kolkata', 'Canberra', 'International Date Line West', 'Indiana (East)', 'Buenos Aires', 'Argentina Standard Time', 'Myanmar Standard Time'])(
  'the zone %j maps to is one this system knows',
  (name) => {
    const zone = ianaZoneFromName(name);
    expect(zone).not.toBeNull();
    expect(isValidTimeZone(zone as string)).toBe(true);
  },
);

test.each([
  [1970, 1, 1, 0],
  [2000, 3, 1, 11_017],
  [1, 1, 1, -719_162],
  [9999, 12, 31, 2_932_896],
  [1969, 12, 31, -1],
])('daysFromCivil(%i, %i, %i) is %i', (year, month, day, days) => {
  expect(daysFromCivil(year, month, day)).toBe(days);
});
