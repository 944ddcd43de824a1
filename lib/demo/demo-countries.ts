/** A country the demo shop sells to: its relative number of customers and its postage per order (0: none). */
export interface DemoCountry {
  name: string;
  weight: number;
  postage: number;
}

/** The home market; it gets `homeShare` of the customers and no postage. */
export const DEMO_HOME_COUNTRY = 'United Kingdom';

/** Export markets with weights roughly as customer counts in UCI Online Retail; 'Unspecified' shows the country clean-up. */
export const DEMO_EXPORT_COUNTRIES: readonly DemoCountry[] = Object.freeze([
  { name: 'Germany', weight: 95, postage: 18 },
  { name: 'France', weight: 87, postage: 18 },
  { name: 'Spain', weight: 31, postage: 28 },
  { name: 'Belgium', weight: 25, postage: 15 },
  { name: 'Switzerland', weight: 21, postage: 40 },
  { name: 'Portugal', weight: 19, postage: 28 },
  { name: 'Italy', weight: 15, postage: 28 },
  { name: 'Finland', weight: 12, postage: 40 },
  { name: 'Austria', weight: 11, postage: 28 },
  { name: 'Norway', weight: 10, postage: 40 },
  { name: 'Netherlands', weight: 9, postage: 15 },
  { name: 'Australia', weight: 9, postage: 0 },
  { name: 'Denmark', weight: 9, postage: 28 },
  { name: 'Channel Islands', weight: 9, postage: 0 },
  { name: 'Cyprus', weight: 8, postage: 40 },
  { name: 'Sweden', weight: 8, postage: 40 },
  { name: 'Japan', weight: 8, postage: 0 },
  { name: 'EIRE', weight: 6, postage: 0 },
  { name: 'Poland', weight: 6, postage: 40 },
  { name: 'USA', weight: 4, postage: 0 },
  { name: 'Canada', weight: 4, postage: 0 },
  { name: 'Israel', weight: 4, postage: 0 },
  { name: 'Greece', weight: 4, postage: 40 },
  { name: 'Unspecified', weight: 4, postage: 0 },
  { name: 'Malta', weight: 2, postage: 40 },
  { name: 'United Arab Emirates', weight: 2, postage: 0 },
  { name: 'Iceland', weight: 1, postage: 40 },
  { name: 'Lithuania', weight: 1, postage: 40 },
  { name: 'Singapore', weight: 1, postage: 0 },
  { name: 'Brazil', weight: 1, postage: 0 },
]);
