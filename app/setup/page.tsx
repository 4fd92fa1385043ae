import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { SetupForm } from "@/components/auth/setup-form";
import { ButtonLink } from "@/components/ui/button";
import { adminExists } from "@/lib/server/auth/admins";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up · Cue" };

export default async function SetupPage() {
  if (await adminExists(await db())) {
    return (
      <AuthShell title="Cue is already set up" subtitle="An admin account exists for this installation. Sign in to continue.">
        <ButtonLink href="/login" className="w-full">
          Go to sign in
        </ButtonLink>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Create the first admin"
      subtitle="Welcome to Cue. This account signs in to the dashboard and manages every application on this installation."
    >
      <SetupForm />
    </AuthShell>
  );
}
