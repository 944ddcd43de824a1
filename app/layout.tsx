import type { ReactNode } from 'react';

export const metadata = {
  title: 'Segmenta',
  description: 'Customer segmentation and lifetime value from transaction logs',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
