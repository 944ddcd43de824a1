'use client';

import * as RadixPopover from '@radix-ui/react-popover';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';

/**
 * A button that opens a panel beside it (Radix Popover): Escape or a click outside closes it and
 * focus returns to the button. Feature code uses this, never the primitive.
 */
export function Popover({
  trigger,
  children,
  open,
  onOpenChange,
  triggerProps,
  align = 'end',
  contentClassName = 'w-72 p-3',
  contentLabel,
}: {
  trigger: ReactNode;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  triggerProps?: ComponentPropsWithoutRef<'button'>;
  align?: 'start' | 'center' | 'end';
  contentClassName?: string;
  /** The panel's accessible name. */
  contentLabel?: string;
}) {
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>
        <button
          type="button"
          {...triggerProps}
          className={
            triggerProps?.className ??
            'rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600'
          }
        >
          {trigger}
        </button>
      </RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          align={align}
          sideOffset={6}
          aria-label={contentLabel}
          className={`z-50 rounded-lg border border-slate-200 bg-white text-sm shadow-lg outline-none ${contentClassName}`}
        >
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
