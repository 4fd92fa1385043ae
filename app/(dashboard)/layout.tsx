import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { Sidebar } from "@/components/layout/sidebar";
import { listApps } from "@/lib/server/apps";
import { requireSession } from "@/lib/server/auth/dashboard";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

async function loadShell() {
  try {
    const session = await requireSession();
    return { session, apps: await listApps(await db()) };
  } catch (error) {
    unstable_rethrow(error); // the redirect to sign-in
    console.error("[cue] dashboard cannot reach the database", error);
    return null;
  }
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const shell = await loadShell();
  if (!shell) return <DatabaseUnavailable />;
  const { session, apps } = shell;

  return (
    <div className="min-h-screen md:pl-64">
      <Sidebar
        email={session.email}
        currentAppId={session.appId}
        apps={apps.map((app) => ({ ...app, createdAt: app.createdAt.toISOString() }))}
      />
      <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">{children}</main>
    </div>
  );
}
