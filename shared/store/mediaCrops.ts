import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CENTRE, type FocalPoint } from '../schemas/cropFacts.ts';
import type { Crop } from '../schemas/crops.ts';
import { mediaKeys } from './mediaKeys.ts';
import { listOrEmpty, nullableRecord, type Read, type Shape } from './parse.ts';

/** A media record's focal point and crops (see docs/crops.md). */
export interface CropFields {
  focalPoint: FocalPoint;
  crops: Crop[];
  cropsFor: FocalPoint | null;
}

const focal: Read<FocalPoint> = (v) => nullableRecord<FocalPoint>()(v) ?? CENTRE;

/** Records written before crops existed read as centred, with none cut yet. */
export const CROP_FIELDS: Shape<CropFields> = {
  focalPoint: focal,
  crops: listOrEmpty<Crop>(),
  cropsFor: nullableRecord<FocalPoint>(),
};

/**
 * Stores the crops cut around `around`, if that is still the record's focal point (a record from
 * before focal points counts as centred) and the record is ready. Neither the version nor the
 * words change: crops follow from the focal point already saved (and counted) by its edit, so an
 * If-Match read before they land still holds. False when the point moved meanwhile: the crops of
 * the newer point are on their way, and these are not kept.
 */
export async function saveCrops(
  /** The media store (its client and table), taken by shape: it imports this module. */
  media: { db: DynamoDBDocumentClient; tableName: string },
  id: string,
  around: FocalPoint,
  crops: readonly Crop[],
): Promise<boolean> {
  const legacy = around.x === CENTRE.x && around.y === CENTRE.y ? ' OR attribute_not_exists(#fp)' : '';
  try {
    await media.db.send(
      new UpdateCommand({
        TableName: media.tableName,
        Key: mediaKeys.media(id),
        UpdateExpression: 'SET #fp = :fp, #crops = :crops, #for = :fp',
        ConditionExpression: `#status = :ready AND (#fp = :fp${legacy})`,
        ExpressionAttributeNames: {
          '#fp': 'focalPoint',
          '#crops': 'crops',
          '#for': 'cropsFor',
          '#status': 'status',
        },
        ExpressionAttributeValues: { ':fp': around, ':crops': crops, ':ready': 'ready' },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
