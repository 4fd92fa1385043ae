"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiRequestError, apiFetch } from "@/lib/client/api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/input";

const MIN_PASSWORD = 10;

export function SetupForm() {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ message: string; adminExists: boolean; fields: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/auth/setup", { body: { email, password } });
      router.replace("/overview");
    } catch (caught) {
      const apiError = caught instanceof ApiRequestError ? caught : null;
      setError({
        message: caught instanceof Error ? caught.message : "Setup failed",
        adminExists: apiError?.status === 409,
        fields: Object.fromEntries((apiError?.details ?? []).map((d) => [d.path, d.message])),
      });
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {error ? (
        <Alert>
          {error.message}
          {error.adminExists ? (
            <>
              {" "}
              <Link href="/login" className="font-medium underline underline-offset-2">
                Go to sign in
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      <Field id="email" label="Work email" hint={error?.fields.email}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error?.fields.email ? true : undefined}
          aria-describedby={error?.fields.email ? "email-hint" : undefined}
        />
      </Field>
      <Field
        id="password"
        label="Password"
        hint={error?.fields.password ?? `At least ${MIN_PASSWORD} characters. A short sentence works well.`}
      >
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error?.fields.password || tooShort ? true : undefined}
          aria-describedby="password-hint"
        />
      </Field>
      <Button type="submit" className="w-full" loading={pending} disabled={!email || password.length < MIN_PASSWORD}>
        Create admin account
      </Button>
    </form>
  );
}
