using CustomsFn.Core.Shipments;

namespace CustomsFn.Cli.Commands;

internal sealed record ProcessedShipment(string OutputPath, ShipmentResult Result);
