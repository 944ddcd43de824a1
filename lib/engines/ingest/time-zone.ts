import { EngineError } from '../errors';

const HOUR_MS = 3_600_000;
// Offsets are cached per UTC hour; past this many hours a zone's cache starts afresh.
const MAX_CACHED_HOURS = 200_000;

interface ZoneCache {
  format: Intl.DateTimeFormat;
  /** UTC hour index -> offset in ms, for hours with one offset throughout. */
  hours: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (cache === undefined) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new EngineError('INVALID_OPTION', `"${timeZone}" is not a time zone this system knows (use an IANA name such as Europe/London).`, { timeZone });
    }
    cache = { format, hours: new Map() };
    zones.set(timeZone, cache);
  }
  return cache;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (any year, no 0-99 remapping as in Date.UTC;
 * no validation: month 1-12 and day 1-31 are the caller's to check).
 * @example
 * daysFromCivil(1970, 1, 2) === 1
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Offset (wall clock minus instant, in ms) of a zone at an instant, asked of Intl. */
function exactOffset(format: Intl.DateTimeFormat, instantMs: number): number {
  const second = Math.floor(instantMs / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  let beforeChrist = false;
  for (const part of format.formatToParts(second)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': sec = Number(part.value); break;
      case 'era': beforeChrist = part.value.startsWith('B'); break;
      default: break;
    }
  }
  if (beforeChrist) year = 1 - year;
  const wall = daysFromCivil(year, month, day) * 86_400_000 + hour * HOUR_MS + minute * 60_000 + sec * 1000;
  return wall - second;
}

function offsetAt(cache: ZoneCache, instantMs: number): number {
  const hourIndex = Math.floor(instantMs / HOUR_MS);
  const cached = cache.hours.get(hourIndex);
  if (cached !== undefined) return cached;
  const start = hourIndex * HOUR_MS;
  const atStart = exactOffset(cache.format, start);
  const atEnd = exactOffset(cache.format, start + HOUR_MS - 1);
  // An hour holding a transition is not cached: its instants are asked of Intl one by one.
  if (atStart !== atEnd) return exactOffset(cache.format, instantMs);
  if (cache.hours.size >= MAX_CACHED_HOURS) cache.hours.clear();
  cache.hours.set(hourIndex, atStart);
  return atStart;
}

/**
 * Wall-clock ms (a local time encoded as if UTC) of an instant in an IANA zone. NaN for a
 * non-finite instant; throws EngineError INVALID_OPTION for an unknown zone.
 * @example
 * // 2024-07-01T12:00Z is 08:00 in New York (EDT, UTC-4)
 * instantToZoneWallClock(Date.UTC(2024, 6, 1, 12), 'America/New_York') === Date.UTC(2024, 6, 1, 8)
 */
export function instantToZoneWallClock(instantMs: number, timeZone: string): number {
  const cache = zoneCache(timeZone);
  if (!Number.isFinite(instantMs)) return NaN;
  return instantMs + offsetAt(cache, instantMs);
}

/**
 * The instant of a wall-clock time in a zone. Where the wall clock is ambiguous or missing,
 * the offset in force BEFORE the transition is used (the "earlier offset"; JavaScript Date and
 * Temporal's 'compatible' behave the same): in an overlap (clocks go back) this picks the first of
 * the two instants; in a gap (clocks go forward) the time is read with the old offset, so 02:30
 * on a New York spring-forward day is 07:30Z, which the clock shows as 03:30.
 * @example
 * // 01:30 on 3 Nov 2024 happens twice in New York; the EDT one (05:30Z) is chosen
 * zoneWallClockToInstant(Date.UTC(2024, 10, 3, 1, 30), 'America/New_York') === Date.UTC(2024, 10, 3, 5, 30)
 */
export function zoneWallClockToInstant(wallMs: number, timeZone: string): number {
  const cache = zoneCache(timeZone);
  if (!Number.isFinite(wallMs)) return NaN;
  // Real offsets lie within ±1 day, so these bracket any single transition near the wall time.
  const before = offsetAt(cache, wallMs - 86_400_000);
  const after = offsetAt(cache, wallMs + 86_400_000);
  const withBefore = wallMs - before;
  if (before === after) {
    const offset = offsetAt(cache, withBefore);
    return wallMs - offset;
  }
  if (offsetAt(cache, withBefore) === before) return withBefore;
  const withAfter = wallMs - after;
  if (offsetAt(cache, withAfter) === after) return withAfter;
  // Neither offset gives back this wall clock: it falls in a gap, read it with the old offset.
  return withBefore;
}

/**
 * True when Intl knows the zone name (IANA names and the aliases ICU accepts).
 * @example
 * isValidTimeZone('Europe/London') === true; isValidTimeZone('London') === false
 */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.trim() === '') return false;
  if (zones.has(name)) return true;
  try {
    zoneCache(name);
    return true;
  } catch {
    return false;
  }
}

// Rails / ActiveSupport zone names (used by Square, Shopify and other Rails exports).
const RAILS_ZONES: Record<string, string> = {
  'International Date Line West': 'Etc/GMT+12',
  'Midway Island': 'Pacific/Midway',
  'American Samoa': 'Pacific/Pago_Pago',
  Hawaii: 'Pacific/Honolulu',
  Alaska: 'America/Juneau',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  Tijuana: 'America/Tijuana',
  'Mountain Time (US & Canada)': 'America/Denver',
  Arizona: 'America/Phoenix',
  Chihuahua: 'America/Chihuahua',
  Mazatlan: 'America/Mazatlan',
  'Central Time (US & Canada)': 'America/Chicago',
  Saskatchewan: 'America/Regina',
  Guadalajara: 'America/Mexico_City',
  'Mexico City': 'America/Mexico_City',
  Monterrey: 'America/Monterrey',
  'Central America': 'America/Guatemala',
  'Eastern Time (US & Canada)': 'America/New_York',
  'Indiana (East)': 'America/Indiana/Indianapolis',
  Bogota: 'America/Bogota',
  Lima: 'America/Lima',
  Quito: 'America/Lima',
  'Atlantic Time (Canada)': 'America/Halifax',
  Caracas: 'America/Caracas',
  'La Paz': 'America/La_Paz',
  Santiago: 'America/Santiago',
  Newfoundland: 'America/St_Johns',
  Brasilia: 'America/Sao_Paulo',
  'Buenos Aires': 'America/Argentina/Buenos_Aires',
  Montevideo: 'America/Montevideo',
  Georgetown: 'America/Guyana',
  'Puerto Rico': 'America/Puerto_Rico',
  Greenland: 'America/Nuuk',
  'Mid-Atlantic': 'Atlantic/South_Georgia',
  Azores: 'Atlantic/Azores',
  'Cape Verde Is.': 'Atlantic/Cape_Verde',
  Dublin: 'Europe/Dublin',
  Edinburgh: 'Europe/London',
  Lisbon: 'Europe/Lisbon',
  London: 'Europe/London',
  Casablanca: 'Africa/Casablanca',
  Monrovia: 'Africa/Monrovia',
  UTC: 'Etc/UTC',
  Belgrade: 'Europe/Belgrade',
  Bratislava: 'Europe/Bratislava',
  Budapest: 'Europe/Budapest',
  Ljubljana: 'Europe/Ljubljana',
  Prague: 'Europe/Prague',
  Sarajevo: 'Europe/Sarajevo',
  Skopje: 'Europe/Skopje',
  Warsaw: 'Europe/Warsaw',
  Zagreb: 'Europe/Zagreb',
  Brussels: 'Europe/Brussels',
  Copenhagen: 'Europe/Copenhagen',
  Madrid: 'Europe/Madrid',
  Paris: 'Europe/Paris',
  Amsterdam: 'Europe/Amsterdam',
  Berlin: 'Europe/Berlin',
  Bern: 'Europe/Zurich',
  Zurich: 'Europe/Zurich',
  Rome: 'Europe/Rome',
  Stockholm: 'Europe/Stockholm',
  Vienna: 'Europe/Vienna',
  'West Central Africa': 'Africa/Algiers',
  Bucharest: 'Europe/Bucharest',
  Cairo: 'Africa/Cairo',
  Helsinki: 'Europe/Helsinki',
  Kyiv: 'Europe/Kyiv',
  Kyev: 'Europe/Kyiv',
  Riga: 'Europe/Riga',
  Sofia: 'Europe/Sofia',
  Tallinn: 'Europe/Tallinn',
  Vilnius: 'Europe/Vilnius',
  Athens: 'Europe/Athens',
  Istanbul: 'Europe/Istanbul',
  Minsk: 'Europe/Minsk',
  Jerusalem: 'Asia/Jerusalem',
  Harare: 'Africa/Harare',
  Pretoria: 'Africa/Johannesburg',
  Kaliningrad: 'Europe/Kaliningrad',
  Moscow: 'Europe/Moscow',
  'St. Petersburg': 'Europe/Moscow',
  Volgograd: 'Europe/Volgograd',
  Samara: 'Europe/Samara',
  Kuwait: 'Asia/Kuwait',
  Riyadh: 'Asia/Riyadh',
  Nairobi: 'Africa/Nairobi',
  Baghdad: 'Asia/Baghdad',
  Tehran: 'Asia/Tehran',
  'Abu Dhabi': 'Asia/Muscat',
  Muscat: 'Asia/Muscat',
  Baku: 'Asia/Baku',
  Tbilisi: 'Asia/Tbilisi',
  Yerevan: 'Asia/Yerevan',
  Kabul: 'Asia/Kabul',
  Ekaterinburg: 'Asia/Yekaterinburg',
  Islamabad: 'Asia/Karachi',
  Karachi: 'Asia/Karachi',
  Tashkent: 'Asia/Tashkent',
  Chennai: 'Asia/Kolkata',
  Kolkata: 'Asia/Kolkata',
  Mumbai: 'Asia/Kolkata',
  'New Delhi': 'Asia/Kolkata',
  Kathmandu: 'Asia/Kathmandu',
  Astana: 'Asia/Almaty',
  Dhaka: 'Asia/Dhaka',
  'Sri Jayawardenepura': 'Asia/Colombo',
  Almaty: 'Asia/Almaty',
  Novosibirsk: 'Asia/Novosibirsk',
  Rangoon: 'Asia/Yangon',
  Bangkok: 'Asia/Bangkok',
  Hanoi: 'Asia/Bangkok',
  Jakarta: 'Asia/Jakarta',
  Krasnoyarsk: 'Asia/Krasnoyarsk',
  Beijing: 'Asia/Shanghai',
  Chongqing: 'Asia/Chongqing',
  'Hong Kong': 'Asia/Hong_Kong',
  Urumqi: 'Asia/Urumqi',
  'Kuala Lumpur': 'Asia/Kuala_Lumpur',
  Singapore: 'Asia/Singapore',
  Taipei: 'Asia/Taipei',
  Perth: 'Australia/Perth',
  Irkutsk: 'Asia/Irkutsk',
  Ulaanbaatar: 'Asia/Ulaanbaatar',
  Seoul: 'Asia/Seoul',
  Osaka: 'Asia/Tokyo',
  Sapporo: 'Asia/Tokyo',
  Tokyo: 'Asia/Tokyo',
  Yakutsk: 'Asia/Yakutsk',
  Darwin: 'Australia/Darwin',
  Adelaide: 'Australia/Adelaide',
  Canberra: 'Australia/Sydney',
  Melbourne: 'Australia/Melbourne',
  Sydney: 'Australia/Sydney',
  Brisbane: 'Australia/Brisbane',
  Hobart: 'Australia/Hobart',
  Vladivostok: 'Asia/Vladivostok',
  Guam: 'Pacific/Guam',
  'Port Moresby': 'Pacific/Port_Moresby',
  Magadan: 'Asia/Magadan',
  Srednekolymsk: 'Asia/Srednekolymsk',
  'Solomon Is.': 'Pacific/Guadalcanal',
  'New Caledonia': 'Pacific/Noumea',
  Fiji: 'Pacific/Fiji',
  Kamchatka: 'Asia/Kamchatka',
  'Marshall Is.': 'Pacific/Majuro',
  Auckland: 'Pacific/Auckland',
  Wellington: 'Pacific/Auckland',
  "Nuku'alofa": 'Pacific/Tongatapu',
  'Tokelau Is.': 'Pacific/Fakaofo',
  'Chatham Is.': 'Pacific/Chatham',
  Samoa: 'Pacific/Apia',
};

// Windows zone ids (CLDR windowsZones.xml, territory 001).
const WINDOWS_ZONES: Record<string, string> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'UTC-11': 'Etc/GMT+11',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time': 'America/Denver',
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time': 'America/New_York',
  'Eastern Standard Time (Mexico)': 'America/Cancun',
  'US Eastern Standard Time': 'America/Indiana/Indianapolis',
  'Venezuela Standard Time': 'America/Caracas',
  'Atlantic Standard Time': 'America/Halifax',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Argentina/Buenos_Aires',
  'SA Eastern Standard Time': 'America/Cayenne',
  'Greenland Standard Time': 'America/Nuuk',
  'Montevideo Standard Time': 'America/Montevideo',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  'Coordinated Universal Time': 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'Middle East Standard Time': 'Asia/Beirut',
  'Egypt Standard Time': 'Africa/Cairo',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'FLE Standard Time': 'Europe/Kyiv',
  'Israel Standard Time': 'Asia/Jerusalem',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arabic Standard Time': 'Asia/Baghdad',
  'Arab Standard Time': 'Asia/Riyadh',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  'Arabian Standard Time': 'Asia/Dubai',
  'Azerbaijan Standard Time': 'Asia/Baku',
  'Georgian Standard Time': 'Asia/Tbilisi',
  'Caucasus Standard Time': 'Asia/Yerevan',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'West Asia Standard Time': 'Asia/Tashkent',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Kolkata',
  'Sri Lanka Standard Time': 'Asia/Colombo',
  'Nepal Standard Time': 'Asia/Kathmandu',
  'Central Asia Standard Time': 'Asia/Almaty',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'Myanmar Standard Time': 'Asia/Yangon',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Taipei Standard Time': 'Asia/Taipei',
  'W. Australia Standard Time': 'Australia/Perth',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'West Pacific Standard Time': 'Pacific/Port_Moresby',
  'Tasmania Standard Time': 'Australia/Hobart',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'Fiji Standard Time': 'Pacific/Fiji',
  'Tonga Standard Time': 'Pacific/Tongatapu',
  'Samoa Standard Time': 'Pacific/Apia',
};

let namedZones: Map<string, string> | undefined;
let ianaByLowerCase: Map<string, string> | undefined;

function lookupTables(): { named: Map<string, string>; iana: Map<string, string> } {
  if (namedZones === undefined || ianaByLowerCase === undefined) {
    namedZones = new Map();
    for (const [name, zone] of Object.entries(RAILS_ZONES)) namedZones.set(name.toLowerCase(), zone);
    for (const [name, zone] of Object.entries(WINDOWS_ZONES)) namedZones.set(name.toLowerCase(), zone);
    ianaByLowerCase = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) ianaByLowerCase.set(zone.toLowerCase(), zone);
  }
  return { named: namedZones, iana: ianaByLowerCase };
}

// "(GMT-05:00) Eastern Time (US & Canada)", the way Rails and Windows display a zone.
const DISPLAY_PREFIX = /^\((?:GMT|UTC)(?:[+-]\d{1,2}:?\d{2})?\)\s*/i;

/**
 * The IANA name for a Windows zone id ('Eastern Standard Time'), a Rails / Square zone name
 * ('Eastern Time (US & Canada)', 'London', optionally with its '(GMT-05:00) ' prefix) or an
 * IANA name in any case ('europe/london' -> 'Europe/London'); null when unknown.
 * @example
 * ianaZoneFromName('Pacific Time (US & Canada)') === 'America/Los_Angeles'
 */
export function ianaZoneFromName(name: string): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim().replace(DISPLAY_PREFIX, '');
  if (trimmed === '') return null;
  const { named, iana } = lookupTables();
  const lower = trimmed.toLowerCase();
  const canonical = iana.get(lower);
  if (canonical !== undefined) return canonical;
  if (isValidTimeZone(trimmed)) return trimmed;
  return named.get(lower) ?? null;
}
