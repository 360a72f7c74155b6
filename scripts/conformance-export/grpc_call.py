"""Calls one unary RPC of a generated gRPC server, as a caller outside the system would.

    grpc_call.py PROTO SERVICE METHOD REQUEST_JSON ADDRESS [--tls] [--metadata k=v ...]

Loads PROTO with grpcio-tools (no generated code), sends REQUEST_JSON and prints the answer as
JSON. With --tls it trusts the certificate the server presents (the generated Go servers make
a self-signed one for localhost). Exits 0 on OK, else with the gRPC status code (and its
message on stderr).
"""

import argparse
import json
import os
import ssl
import sys

import grpc
from google.protobuf import json_format


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("proto")
    parser.add_argument("service", help="package.Service")
    parser.add_argument("method")
    parser.add_argument("request", help="the request message as JSON")
    parser.add_argument("address", help="host:port")
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--metadata", action="append", default=[], help="key=value")
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()

    folder, name = os.path.split(os.path.abspath(args.proto))
    sys.path.insert(0, folder)
    os.chdir(folder)
    protos, services = grpc.protos_and_services(name)
    package, _, service = args.service.rpartition(".")
    descriptor = protos.DESCRIPTOR.services_by_name[service]
    assert descriptor.full_name == args.service, descriptor.full_name
    method = descriptor.methods_by_name[args.method]
    request_type = getattr(protos, method.input_type.name)
    response_type = getattr(protos, method.output_type.name)

    if args.tls:
        host, port = args.address.rsplit(":", 1)
        pem = ssl.get_server_certificate((host, int(port))).encode()
        channel = grpc.secure_channel(
            args.address,
            grpc.ssl_channel_credentials(root_certificates=pem),
            options=[("grpc.ssl_target_name_override", "localhost")],
        )
    else:
        channel = grpc.insecure_channel(args.address)
    call = channel.unary_unary(
        f"/{args.service}/{args.method}",
        request_serializer=request_type.SerializeToString,
        response_deserializer=response_type.FromString,
    )
    metadata = [tuple(m.split("=", 1)) for m in args.metadata]
    request = json_format.Parse(args.request, request_type())
    try:
        answer = call(request, metadata=metadata, timeout=args.timeout, wait_for_ready=True)
    except grpc.RpcError as e:
        print(f"{e.code().name}: {e.details()}", file=sys.stderr)
        return e.code().value[0]
    print(json.dumps(json_format.MessageToDict(answer, preserving_proto_field_name=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
