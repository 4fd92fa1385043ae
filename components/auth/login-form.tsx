"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiRequestError, apiFetch } from "@/lib/client/api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/input";

export function LoginForm({ notice }: { notice?: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ message: string; throttled: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/auth/login", { body: { email, password } });
      router.replace("/overview");
    } catch (caught) {
      const throttled = caught instanceof ApiRequestError && caught.status === 429;
      setError({ message: caught instanceof Error ? caught.message : "Sign-in failed", throttled });
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {notice ? <Alert tone="warning">{notice}</Alert> : null}
      {error ? (
        <Alert title={error.throttled ? "Sign-in paused" : undefined}>
          {error.message}
          {error.throttled ? " This protects your account from password guessing." : null}
        </Alert>
      ) : null}
      <Field id="email" label="Email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error && !error.throttled ? true : undefined}
        />
      </Field>
      <Field id="password" label="Password">
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error && !error.throttled ? true : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" loading={pending} disabled={!email || !password}>
        Sign in
      </Button>
    </form>
  );
}
