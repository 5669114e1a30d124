/** Event-bus addresses, message contracts and the room registry shared by every Stockpot node. */
package io.stockpot.registry;
