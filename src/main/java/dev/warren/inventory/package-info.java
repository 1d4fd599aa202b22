/**
 * The RabbitMQ estate as Warren knows it: servers (SSH endpoint, RabbitMQ node name,
 * ports, OS) and clusters with their members and primary. Pages and the {@code /api/v1}
 * API both go through {@link dev.warren.inventory.Servers} and
 * {@link dev.warren.inventory.Clusters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory")
package dev.warren.inventory;
