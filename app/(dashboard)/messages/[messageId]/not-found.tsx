import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { MessagesIcon } from "@/components/ui/icons";

export default function MessageNotFound() {
  return (
    <Card>
      <EmptyState icon={MessagesIcon} title="Message not found" actions={<ButtonLink href="/messages" variant="secondary">Back to messages</ButtonLink>}>
        There is no message with this id in the current application. It may belong to another application.
      </EmptyState>
    </Card>
  );
}
