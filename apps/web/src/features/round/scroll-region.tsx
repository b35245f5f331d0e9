import { ReactNode } from 'react';

/** A wide table scrolls sideways on a narrow screen; the keyboard must be able to scroll it too. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll ds-focus round-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
