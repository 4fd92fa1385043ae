import { CopyField } from "../ui/copy-button";

/** The application's public VAPID key, which web apps pass to pushManager.subscribe(). */
export function VapidKey({ publicKey, hasPrivateKey }: { publicKey: string | null; hasPrivateKey: boolean }) {
  return (
    <div className="space-y-1.5 sm:col-span-2" data-testid="vapid-public-key">
      <p className="text-sm font-medium text-slate-700">Public VAPID key</p>
      {publicKey ? (
        <>
          <CopyField value={publicKey} label="public VAPID key" />
          <p className="text-xs leading-5 text-slate-500">
            Your web app needs it: pass it as <code className="font-mono text-slate-700">applicationServerKey</code> to{" "}
            <code className="font-mono text-slate-700">pushManager.subscribe()</code>, then register the subscription with{" "}
            <code className="font-mono text-slate-700">POST /api/v1/users/&#123;id&#125;/devices</code>.
            {hasPrivateKey ? " The private key is stored encrypted and never shown." : null}
          </p>
        </>
      ) : (
        <p className="rounded-lg bg-slate-50 px-3 py-2.5 text-sm text-slate-500 ring-1 ring-slate-200 ring-inset">
          Cue generates a key pair for this application when you save. The public key appears here, ready to copy.
        </p>
      )}
    </div>
  );
}
