import type { ReactNode } from "react";
import { Sidebar } from "@/components/layout/sidebar";
import { listApps } from "@/lib/server/apps";
import { requireSession } from "@/lib/server/auth/dashboard";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const apps = await listApps(await db());

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
