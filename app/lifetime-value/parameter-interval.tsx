import { formatParameter } from '@/lib/format/format-number';
import type { ModelParameterDto } from '@/lib/server/dashboard/lifetime-value/fitted-model-dto';

/**
 * A parameter's 95 % interval, "lower – upper" ("*" marks a lower bound cut at 0), or "n/a".
 * Each bound stays on one line, but the pair may break after the dash, so a long interval such as
 * "1.25 × 10⁻⁵ – 8.43 × 10⁶" wraps in a narrow card instead of widening the page.
 */
export function ParameterInterval({ parameter: p }: { parameter: ModelParameterDto }) {
  if (p.lower === null || p.upper === null) return <>n/a</>;
  return (
    <>
      <span className="whitespace-nowrap">
        {formatParameter(p.lower)}
        {p.lowerCut ? '*' : ''} –
      </span>{' '}
      <span className="whitespace-nowrap">{formatParameter(p.upper)}</span>
    </>
  );
}
