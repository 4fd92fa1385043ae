"use client";

import { useState, type FormEvent } from "react";
import type { Credentials } from "./demo-storage";

// The app secret is stored only hashed by Cue, so the demo cannot look it up: whoever
// runs the demo gives it once, and it stays in this browser's localStorage.
export function CredentialsForm({ initial, onSave }: { initial: Credentials | null; onSave: (value: Credentials) => void }) {
  const [appKey, setAppKey] = useState(initial?.appKey ?? "");
  const [appSecret, setAppSecret] = useState(initial?.appSecret ?? "");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (appKey.trim() && appSecret.trim()) onSave({ appKey: appKey.trim(), appSecret: appSecret.trim() });
  }

  return (
    <div className="mx-auto max-w-md py-16">
      <div className="rounded-2xl bg-white p-7 shadow-sm ring-1 ring-stone-200">
        <h1 className="text-xl font-semibold tracking-tight text-stone-900">Connect the demo shop to Cue</h1>
        <p className="mt-2 text-sm leading-6 text-stone-600">
          The shop sends its events with the browser SDK, which needs the application key and the application secret. Find the key
          in Cue under Settings; the secret was shown when the app was created or last rotated. They stay in this browser.
        </p>
        <form onSubmit={submit} className="mt-6 space-y-4">
          <label className="block">
            <span className="text-sm font-medium text-stone-800">Application key</span>
            <input
              value={appKey}
              onChange={(e) => setAppKey(e.target.value)}
              required
              autoComplete="off"
              className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2 font-mono text-sm ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-amber-600 focus:outline-none"
            />
          </label>
          <label className="block">
            <span className="text-sm font-medium text-stone-800">Application secret</span>
            <input
              value={appSecret}
              onChange={(e) => setAppSecret(e.target.value)}
              required
              type="password"
              autoComplete="off"
              className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2 font-mono text-sm ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-amber-600 focus:outline-none"
            />
          </label>
          <button type="submit" className="w-full rounded-lg bg-stone-900 px-4 py-2.5 text-sm font-medium text-white hover:bg-stone-800">
            Open the shop
          </button>
        </form>
        <p className="mt-4 text-xs leading-5 text-stone-500">
          Tip: link straight in with <code className="font-mono">/demo/shop?key=…&amp;secret=…</code>; the shop saves them and clears
          the address.
        </p>
      </div>
    </div>
  );
}
