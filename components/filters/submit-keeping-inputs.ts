import { startTransition, type FormEvent } from 'react';

/** Submit a form through an action without React's reset of the form, so a refused input stays to correct. */
export function submitKeepingInputs(action: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
}
