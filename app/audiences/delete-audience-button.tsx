'use client';

import { useActionState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { deleteAudienceAction, type DeleteAudienceState } from '@/lib/actions/delete-audience-action';

/** Delete, after a confirmation dialog that names the audience (Escape or "Keep it" cancels, focus returns to the button). */
export function DeleteAudienceButton({ id, name }: { id: number; name: string }) {
  const [state, formAction] = useActionState<DeleteAudienceState, FormData>(deleteAudienceAction, { status: 'idle' });
  return (
    <ConfirmDialog
      openLabel="Delete"
      openAriaLabel={`Delete ${name}`}
      title={`Delete “${name}”?`}
      description="The saved filter is removed for everyone. Exports already made stay in the export log."
      action={formAction}
      fields={{ id }}
      cancelLabel="Keep it"
      confirmLabel="Delete audience"
      pendingLabel="Deleting…"
    >
      {state.status === 'error' && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {state.message}
        </p>
      )}
    </ConfirmDialog>
  );
}
