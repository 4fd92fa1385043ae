"use client";

// An email's HTML in a sandboxed iframe (srcdoc, no scripts, no same-origin): what a
// template renders can never run in the dashboard. Drawn at a desktop client's width
// (640 px) or a phone's (375 px), scaled down when the pane is narrower.
import { useEffect, useRef, useState } from "react";

const WIDTHS = { desktop: 640, mobile: 375 } as const;
const HEIGHT = 640;

export function EmailFrame({ html, width, title = "Email preview" }: { html: string; width: keyof typeof WIDTHS; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState<number | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setAvailable(entry!.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const frameWidth = WIDTHS[width];
  const scale = available ? Math.min(1, available / frameWidth) : 1;

  return (
    <div ref={box} className="w-full" data-testid="email-frame" data-width={width}>
      <div
        className={width === "mobile" ? "mx-auto overflow-hidden rounded-[1.75rem] bg-white shadow-md ring-8 ring-slate-800" : "mx-auto overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"}
        style={{ width: frameWidth * scale, height: HEIGHT * scale }}
      >
        <iframe
          sandbox=""
          srcDoc={html}
          title={title}
          className="origin-top-left border-0 bg-white"
          style={{ width: frameWidth, height: HEIGHT, transform: `scale(${scale})` }}
        />
      </div>
    </div>
  );
}
