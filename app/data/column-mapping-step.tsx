'use client';

import { TRANSACTION_FIELD_LABELS, TRANSACTION_FIELDS, type ColumnMapping, type TransactionField } from '@/lib/engines/ingest/types';

/** The fields every file needs one of: a date, a customer (id or e-mail) and a value. */
const NEEDED: Partial<Record<TransactionField, string>> = {
  invoiceDate: 'needed',
  customerId: 'this or the e-mail',
  email: 'this or the customer id',
  amount: 'a value: this, the order total, or quantity and unit price',
  orderTotal: 'a value: this, the amount, or quantity and unit price',
  quantity: 'with the unit price, when there is no amount',
  unitPrice: 'with the quantity, when there is no amount',
};

/**
 * Which column of the file holds each field: the columns in use (recognised or chosen) are
 * selected; choosing another one re-reads the preview with that mapping.
 */
export function ColumnMappingStep({
  header,
  mapping,
  onChange,
  disabled,
}: {
  header: string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset className="mt-3 rounded border border-slate-200 p-3" disabled={disabled}>
      <legend className="px-1 text-sm font-medium">Match the file’s columns</legend>
      <p className="mb-3 text-sm text-slate-600">
        Every file needs a date, a customer (an id or an e-mail) and a value (an amount, an order total, or quantity and unit price). Columns
        recognised by their names are used unless you choose otherwise.
      </p>
      <div className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        {TRANSACTION_FIELDS.map((field) => (
          <label key={field} className="flex flex-col gap-1">
            <span>
              {TRANSACTION_FIELD_LABELS[field]}
              {NEEDED[field] ? <span className="block text-xs text-slate-500">{NEEDED[field]}</span> : null}
            </span>
            <select
              value={mapping[field] ?? ''}
              onChange={(e) => {
                // "Not in the file" is kept as '' so a column recognised by its name is not used.
                onChange({ ...mapping, [field]: e.target.value });
              }}
              className="rounded border border-slate-300 px-2 py-1"
            >
              <option value="">Not in the file</option>
              {header.map((column, i) => (
                <option key={`${i}-${column}`} value={column}>
                  {column || `(column ${i + 1})`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
