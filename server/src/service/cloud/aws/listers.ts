import { computeListers } from './compute';
import type { Lister } from './context';
import { dataListers } from './data';
import { ec2Listers } from './ec2';
import { iamListers } from './iam';
import { messagingListers } from './messaging';
import { moreListers } from './more';
import { platformListers } from './platform';
import { s3Listers } from './s3';

/** Every built-in lister, one per Terraform type. */
export const allListers: readonly Lister[] = [
  ...ec2Listers,
  ...s3Listers,
  ...iamListers,
  ...dataListers,
  ...messagingListers,
  ...platformListers,
  ...computeListers,
  ...moreListers,
];
