import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { NotificationStatus } from '@app/notifications';

export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['PENDING', 'DELIVERED', 'DEAD', 'ACKNOWLEDGED'];

export class NotificationsQueryDto {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @IsOptional()
  @IsUUID()
  contractId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
