import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { UserIcon } from "@/components/ui/icons";

export default function UserNotFound() {
  return (
    <Card>
      <EmptyState
        icon={UserIcon}
        title="User not found"
        actions={<ButtonLink href="/users" variant="secondary">Back to users</ButtonLink>}
      >
        There is no user with this id in the current application. It may belong to another application, or no event
        has been sent for it yet.
      </EmptyState>
    </Card>
  );
}
