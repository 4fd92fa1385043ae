import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { LoginForm } from "@/components/auth/login-form";
import { adminExists } from "@/lib/server/auth/admins";
import { currentSession } from "@/lib/server/auth/dashboard";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Cue" };

const NOTICES: Record<string, string> = {
  "no-app": "There is no application yet. Restart Cue to create the Demo application, or set CUE_APP_KEY.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await adminExists(await db()))) redirect("/setup");
  const session = await currentSession();
  if (session?.appId) redirect("/overview");
  const { error } = await searchParams;
  const notice = typeof error === "string" ? NOTICES[error] : undefined;

  return (
    <AuthShell title="Sign in to Cue" subtitle="Welcome back. Sign in with your admin account.">
      <LoginForm notice={notice} />
    </AuthShell>
  );
}
