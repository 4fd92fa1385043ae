-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "ignoreCaps" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ignoreQuietHours" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "topic" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "ignoreCaps" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ignoreQuietHours" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "topic" TEXT;

-- CreateTable
CREATE TABLE "Topic" (
    "appId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "default" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("appId","key")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "subscribed" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("appId","userId","kind","key")
);

-- CreateTable
CREATE TABLE "DeliveryPolicy" (
    "appId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "quietHours" JSONB,
    "caps" JSONB NOT NULL DEFAULT '[]',
    "capMode" TEXT NOT NULL DEFAULT 'drop',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryPolicy_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "ConnectorTally" (
    "appId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ConnectorTally_pkey" PRIMARY KEY ("connectorId","nodeId","name")
);

-- AddForeignKey
ALTER TABLE "Topic" ADD CONSTRAINT "Topic_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User"("appId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryPolicy" ADD CONSTRAINT "DeliveryPolicy_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorTally" ADD CONSTRAINT "ConnectorTally_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
