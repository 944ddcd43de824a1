// One source for the reading questions' words, rendered for where they are read: the command line
// names its flags, the web points at the page's own controls (app/data/reading-questions.tsx).

import { briefList } from './brief-list';

export type ReadingQuestionCode = 'AMBIGUOUS_DATES' | 'TIME_ZONE_NEEDED';

/** Where a message is read: 'cli' names flags, 'web' names the page's buttons and fields. */
export type MessageSurface = 'cli' | 'web';

export interface ReadingQuestionFacts {
  /** The column the question is about, as the file names it. */
  column: string;
  /** Up to three of its values, as written. */
  examples: readonly string[];
}

const ANSWER: Record<ReadingQuestionCode, Record<MessageSurface, string>> = {
  AMBIGUOUS_DATES: {
    cli: 'Choose Day/Month/Year or Month/Day/Year in the preview, or run again with --day-first or --month-first.',
    web: 'Choose Day/Month/Year or Month/Day/Year below.',
  },
  TIME_ZONE_NEEDED: {
    cli: "Give the store's time zone, an IANA name such as Europe/London (the preview's Time zone; --time-zone on the command line), or choose UTC to count days in UTC.",
    // The page offers this browser's zone only when it is not UTC itself, so the words name only the choices always shown.
    web: "Choose the store's time zone below (type its IANA name such as Europe/London under Another zone), or count days in UTC.",
  },
};

/**
 * The message of a reading question: what the file shows, then how to answer it where it is read.
 * @example readingQuestionMessage('AMBIGUOUS_DATES', { column: 'Date', examples: ['01/02/2024'] }, 'web')
 */
export function readingQuestionMessage(code: ReadingQuestionCode, facts: ReadingQuestionFacts, surface: MessageSurface): string {
  const examples = briefList(facts.examples.filter((v) => v.trim() !== '').slice(0, 3));
  switch (code) {
    case 'AMBIGUOUS_DATES':
      return `The dates in column "${facts.column}" can be read day-first or month-first: no date has a day above 12 (for example ${examples}). ${ANSWER[code][surface]}`;
    case 'TIME_ZONE_NEEDED':
      return `The times in column "${facts.column}" are in UTC (for example ${examples}), not the store's own clock, so a purchase late in the evening would be counted on the wrong day. ${ANSWER[code][surface]}`;
    default: {
      const never: never = code;
      throw new Error(`Unknown reading question ${String(never)}`);
    }
  }
}
