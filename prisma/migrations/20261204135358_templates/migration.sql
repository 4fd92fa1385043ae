-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "format" TEXT,
ADD COLUMN     "templateId" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "html" TEXT;

-- CreateTable
CREATE TABLE "Template" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'text',
    "title" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Template_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Template_appId_channel_name_idx" ON "Template"("appId", "channel", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Template_appId_name_key" ON "Template"("appId", "name");

-- AddForeignKey
ALTER TABLE "Template" ADD CONSTRAINT "Template_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
