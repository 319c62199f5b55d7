export {
  startWebhookReceiver,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type ReceivedPost,
} from './relay/webhook-receiver.ts';
