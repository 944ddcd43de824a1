import { expect, test } from 'vitest';
import { datasetNameSchema, stagingRequestSchema } from './upload-request-schema';

test.each(['orders.csv', 'export.zip', 'report.xls', 'sales'])('%s is staged: its bytes, not its name, decide whether it can be read', (fileName) => {
  expect(stagingRequestSchema.parse({ fileName })).toEqual({ fileName });
});

test.each([
  ['', 'The file needs a name.'],
  [`${'x'.repeat(197)}.csv`, 'The file name is longer than 200 characters.'],
  ['a\u0000.csv', 'The file name contains a control character (such as NUL or a line break); remove it.'],
  ['a\nb.csv', 'The file name contains a control character (such as NUL or a line break); remove it.'],
  ['a\u001b[31m.csv', 'The file name contains a control character (such as NUL or a line break); remove it.'],
  ['a\u007f.csv', 'The file name contains a control character (such as NUL or a line break); remove it.'],
])('the name %j is refused in words', (fileName, message) => {
  const parsed = stagingRequestSchema.safeParse({ fileName });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0].message).toBe(message);
});

test.each([
  ['  Online Retail 2011  ', true, 'Online Retail 2011'],
  ['   ', false, 'Give the dataset a name.'],
  ['x'.repeat(201), false, 'The dataset name is longer than 200 characters.'],
  ['Shop\u0000', false, 'The dataset name contains a control character (such as NUL or a line break); remove it.'],
  ['<img src=x onerror=alert(1)>', true, '<img src=x onerror=alert(1)>'],
])('the dataset name %j: accepted %s, %s', (name, success, answer) => {
  const parsed = datasetNameSchema.safeParse(name);
  expect(parsed.success).toBe(success);
  expect(parsed.success ? parsed.data : parsed.error.issues[0].message).toBe(answer);
});
