import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

// The Cue mark as an inline SVG, so the favicon needs no file of its own.
const ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#3b55e6"/>` +
      `<path d="M20.7 9.6a8 8 0 1 0 0 12.8" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/>` +
      `<circle cx="23.5" cy="16" r="2.5" fill="#fff"/></svg>`,
  );

export const metadata: Metadata = {
  title: "Cue",
  description: "Event-driven marketing automation",
  icons: { icon: ICON },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
