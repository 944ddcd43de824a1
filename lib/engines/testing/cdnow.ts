import { existsSync, readFileSync } from 'node:fs';
import { EngineError } from '../errors';
import { SHARED_DATA } from './byte-source';
import type { PurchaseColumns } from '../btyd/types';

/** Test support: the code of the EngineError a call throws, 'no error', or 'other error'. */
export function thrownCode(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return error instanceof EngineError ? error.code : 'other error';
  }
  return 'no error';
}

/** Test support: the CDNOW 1/10 sample (Fader & Hardie), read from the shared data folder. */
export const CDNOW_PATH = `${SHARED_DATA}cdnow_sample.txt`;
export const CDNOW_AVAILABLE = existsSync(CDNOW_PATH);
/** Prefix of every CDNOW test name; says why the test is skipped when the file is missing. */
export const CDNOW = CDNOW_AVAILABLE ? 'CDNOW' : `CDNOW (skipped: ${CDNOW_PATH} not found)`;

const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

/** 39 weeks after 1997-01-01: calibration covers purchase days up to and including 1997-09-30. */
export const CDNOW_CALIBRATION_END = dayNumber(1997, 10, 1);
/** The data end on 1998-06-30, 39 weeks after the calibration end. */
export const CDNOW_OBSERVATION_END = dayNumber(1998, 7, 1);

export function loadCdnow(): PurchaseColumns & { nCustomers: number } {
  const lines = readFileSync(CDNOW_PATH, 'latin1').split(/\r?\n/).filter((line) => line.trim() !== '');
  const customer = new Int32Array(lines.length);
  const day = new Float64Array(lines.length);
  const value = new Float64Array(lines.length);
  let nCustomers = 0;
  lines.forEach((line, i) => {
    const [, sampleId, date, , dollars] = line.trim().split(/\s+/);
    customer[i] = Number(sampleId) - 1;
    day[i] = dayNumber(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)));
    value[i] = Number(dollars);
    nCustomers = Math.max(nCustomers, customer[i] + 1);
  });
  return { customer, day, value, nCustomers };
}
