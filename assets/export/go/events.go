package platform

import (
	"context"
	"encoding/json"
	"sync"
	"time"
)

// Broker keeps a broker's address and, until a real client is plugged in (segmentio/kafka-go,
// amqp091-go, nats.go), carries messages inside this process and logs every one: the seam is
// Send and Receive.
type Broker struct {
	URL    string
	mu     sync.Mutex
	queues map[string][][]byte
}

// NewBroker makes a broker connection for url.
func NewBroker(url string) *Broker { return &Broker{URL: url, queues: map[string][][]byte{}} }

// Send sends one message.
func (b *Broker) Send(topic string, payload []byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queues[topic] = append(b.queues[topic], payload)
	return nil
}

// Receive takes the next message, if any.
func (b *Broker) Receive(topic string) ([]byte, bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	queue := b.queues[topic]
	if len(queue) == 0 {
		return nil, false, nil
	}
	b.queues[topic] = queue[1:]
	return queue[0], true, nil
}

// Producer publishes messages to one topic.
type Producer struct {
	Broker *Broker
	Topic  string
}

// Publish sends one message as JSON.
func (p *Producer) Publish(ctx Ctx, message interface{}) error {
	payload, err := json.Marshal(message)
	if err != nil {
		return Err("internal", err.Error())
	}
	Log("info", "published", "request_id", ctx.RequestID, "topic", p.Topic, "broker", p.Broker.URL, "bytes", len(payload))
	return p.Broker.Send(p.Topic, payload)
}

// Consume hands every message of topic to handle until ctx is done.
func Consume(done context.Context, broker *Broker, topic string, handle func(Ctx, []byte) error) {
	Log("info", "consuming", "topic", topic, "broker", broker.URL)
	idle := 100 * time.Millisecond
	for done.Err() == nil {
		payload, ok, err := broker.Receive(topic)
		if err != nil || !ok {
			time.Sleep(idle)
			if idle < 5*time.Second {
				idle *= 2
			}
			continue
		}
		idle = 100 * time.Millisecond
		ctx := BackgroundCtx()
		if err := handle(ctx, payload); err != nil {
			Log("error", "message failed", "request_id", ctx.RequestID, "topic", topic, "error", err.Error())
		}
	}
}
