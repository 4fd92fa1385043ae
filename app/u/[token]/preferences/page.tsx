import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PreferencesForm } from "@/components/preferences/preferences-form";
import { PreferencesShell } from "@/components/preferences/preferences-shell";
import { db, sqlDb } from "@/lib/server/db";
import { preferencesFor } from "@/lib/server/delivery/unsubscribe";
import { readUnsubscribeToken } from "@/lib/server/delivery/unsubscribe-token";

export const dynamic = "force-dynamic";
// The URL is the person's key to their preferences: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: "Email preferences", robots: { index: false, follow: false }, referrer: "no-referrer" };

// Public, no login: the signed token in the URL is the only authority (lib/server/delivery/unsubscribe.ts).
export default async function PreferencesPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const claim = readUnsubscribeToken(token);
  if (!claim) notFound();
  const preferences = await preferencesFor(await db(), await sqlDb(), claim);
  if (!preferences) notFound();
  const { saved } = await searchParams;
  return (
    <PreferencesShell appName={preferences.appName}>
      <PreferencesForm action={`/u/${encodeURIComponent(token)}`} preferences={preferences} saved={saved === "1"} />
    </PreferencesShell>
  );
}
