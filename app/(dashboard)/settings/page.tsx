import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton, CopyField } from "@/components/ui/copy-button";
import { SettingsTabs } from "@/components/channels/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/ui/time";
import { RotateSecret } from "@/components/settings/rotate-secret";
import { RotateWriteKey } from "@/components/settings/rotate-write-key";
import { SegmentSnippets } from "@/components/settings/segment-snippets";
import { publicOrigin as originFrom } from "@/lib/server/public-url";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings · Cue" };

function CredentialRow({ title, description, children, action }: { title: string; description: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-3 px-5 py-5 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] md:items-center md:gap-8">
      <div>
        <h3 className="text-sm font-medium text-slate-900">{title}</h3>
        <p className="mt-1 text-sm leading-6 text-slate-500">{description}</p>
      </div>
      <div className="flex min-w-0 md:justify-end">
        <div className="flex w-full min-w-0 items-center gap-2 md:max-w-md">
          <div className="min-w-0 flex-1">{children}</div>
          {action}
        </div>
      </div>
    </div>
  );
}

export default async function SettingsPage() {
  const { app, prisma } = await currentApp();
  const origin = originFrom(await headers());
  // Apps get a write key at creation (and at start-up, for older ones); rotating makes one if not.
  const { writeKey } = await prisma.app.findUniqueOrThrow({ where: { id: app.id }, select: { writeKey: true } });
  const curl = [
    `curl -u "${app.key}:$APP_SECRET" \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d '{"userId":"u_42","event":"SHIPPING","data":{"status":"shipped"}}' \\`,
    `  ${origin}/api/v1/events`,
  ].join("\n");

  return (
    <>
      <PageHeader title="Settings" description="Credentials for this application, and how to start sending events." />
      <SettingsTabs />

      <div className="space-y-6">
        <Card>
          <CardHeader title="Application" />
          <dl className="grid grid-cols-1 gap-x-8 gap-y-4 px-5 py-5 sm:grid-cols-3">
            <div>
              <dt className="text-sm text-slate-500">Name</dt>
              <dd className="mt-1 text-sm font-medium text-slate-900" data-testid="settings-app-name">{app.name}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-500">Application id</dt>
              <dd className="mt-1 font-mono text-[13px] text-slate-700">{app.id}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-500">Created</dt>
              <dd className="mt-1 text-sm text-slate-700">
                <DateTime value={app.createdAt.toISOString()} dateOnly />
              </dd>
            </div>
          </dl>
        </Card>

        <Card>
          <CardHeader
            title="API credentials"
            description="Authenticate with HTTP Basic auth: the application key as the user name and a secret as the password."
          />
          <div className="divide-y divide-slate-100">
            <CredentialRow
              title="Application key"
              description="Identifies this application. Not a secret: it is safe to ship in apps and web pages."
            >
              <CopyField value={app.key} label="application key" />
            </CredentialRow>
            <CredentialRow
              title="Application secret"
              description="Lets apps and servers send events, update users and register devices. Nothing more."
              action={<RotateSecret which="secret" />}
            >
              <SecretPlaceholder />
            </CredentialRow>
            <CredentialRow
              title="Master secret"
              description={
                <>
                  Full access, management API included. Keep it on your servers only.{" "}
                  <Badge tone="warning" className="ml-0.5 align-middle">Sensitive</Badge>
                </>
              }
              action={<RotateSecret which="masterSecret" />}
            >
              <SecretPlaceholder />
            </CredentialRow>
            <CredentialRow
              title="Write key"
              description={
                <>
                  For Segment&apos;s libraries and HTTP API under <code className="font-mono text-xs text-slate-700">/v1</code>.
                  It can send events and identify users, nothing else, so it is safe in web pages.
                </>
              }
              action={<RotateWriteKey />}
            >
              {writeKey ? <CopyField value={writeKey} label="write key" /> : <span className="text-sm text-slate-500">None yet — rotate to create one.</span>}
            </CredentialRow>
          </div>
        </Card>

        <Card>
          <CardHeader
            title="Send a server-side event"
            description="Try it from a terminal. Put your application secret in APP_SECRET first."
            actions={<CopyButton value={curl} label="Copy curl command" />}
          />
          <div className="p-5">
            <pre className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3.5 font-mono text-[13px] leading-6 text-slate-100" data-testid="curl-example">
              {curl}
            </pre>
            <p className="mt-3 text-sm leading-6 text-slate-500">
              Cue answers <code className="font-mono text-xs text-slate-700">202 &#123;&quot;accepted&quot;:1,&quot;duplicates&quot;:0&#125;</code>{" "}
              and the event appears on user <code className="font-mono text-xs text-slate-700">u_42</code>&apos;s timeline.
              Send up to 500 events at once as <code className="font-mono text-xs text-slate-700">&#123;&quot;events&quot;: [...]&#125;</code>.
            </p>
          </div>
        </Card>

        {writeKey ? <SegmentSnippets writeKey={writeKey} origin={origin} /> : null}
      </div>
    </>
  );
}

function SecretPlaceholder() {
  return (
    <span className="flex h-10 w-full items-center rounded-lg bg-slate-50 px-3 font-mono text-[13px] tracking-widest text-slate-400 ring-1 ring-slate-200 ring-inset">
      ••••••••••••••••••••
      <span className="sr-only">Hidden. Cue stores only a hash; rotate to get a new value.</span>
    </span>
  );
}
