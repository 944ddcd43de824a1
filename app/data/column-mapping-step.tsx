'use client';

import { REQUIRED_FIELDS, TRANSACTION_FIELDS, type TransactionField } from '@/lib/engines/ingest/types';

export type MappingDraft = Partial<Record<TransactionField, string>>;

const FIELD_LABELS: Record<TransactionField, string> = {
  invoice: 'Invoice number',
  stockCode: 'Product code',
  description: 'Product description',
  quantity: 'Quantity',
  invoiceDate: 'Invoice date',
  unitPrice: 'Unit price',
  customerId: 'Customer id',
  country: 'Country',
};

/** The file's header and first rows, with a column chosen for each field the analysis reads. */
export function ColumnMappingStep({
  header,
  preview,
  draft,
  onChange,
}: {
  header: string[];
  preview: string[][];
  draft: MappingDraft;
  onChange: (draft: MappingDraft) => void;
}) {
  return (
    <fieldset className="mt-4 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Match the file’s columns</legend>
      <p className="mb-3 text-sm text-slate-600">
        Choose which column of the file holds each field (fields marked * are required), then upload with this mapping.
      </p>
      <div className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        {TRANSACTION_FIELDS.map((field) => {
          const required = REQUIRED_FIELDS.includes(field);
          return (
            <label key={field} className="flex flex-col gap-1">
              <span>
                {FIELD_LABELS[field]}
                {required ? <span aria-hidden> *</span> : <span className="text-slate-400"> (optional)</span>}
              </span>
              <select
                value={draft[field] ?? ''}
                aria-required={required}
                onChange={(e) => onChange({ ...draft, [field]: e.target.value })}
                className="rounded border border-slate-300 px-2 py-1"
              >
                <option value="">{required ? 'Choose a column' : 'Not in the file'}</option>
                {header.map((column, i) => (
                  <option key={`${i}-${column}`} value={column}>
                    {column || `(column ${i + 1})`}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <button type="submit" className="mt-3 rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        Upload with this mapping
      </button>
      <div className="mt-4 max-h-80 overflow-auto rounded border border-slate-100">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">The first {preview.length} rows of the file</caption>
          <thead className="sticky top-0 bg-slate-50 text-slate-600">
            <tr>
              {header.map((column, i) => (
                <th key={`${i}-${column}`} scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((row, r) => (
              <tr key={r} className="border-t border-slate-100">
                {header.map((_, i) => (
                  <td key={i} className="max-w-48 truncate px-2 py-1 whitespace-nowrap">
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {preview.length === 0 ? <p className="p-2 text-xs text-slate-500">The file has no rows after its header.</p> : null}
      </div>
    </fieldset>
  );
}
